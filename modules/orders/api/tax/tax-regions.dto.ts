/** Basis points per tax class: 1900 = 19 %. `standard` is required; `zero` is 0 when absent. */
export type TaxRatesDto = {
  /**
   * @isInt
   * @minimum 0
   * @maximum 10000
   * @example 1900
   */
  standard: number;
  /**
   * @isInt
   * @minimum 0
   * @maximum 10000
   * @example 700
   */
  reduced?: number;
  /**
   * @isInt
   * @minimum 0
   * @maximum 10000
   */
  zero?: number;
};

export interface TaxRegionRequest {
  /**
   * ISO 3166-1 alpha-2.
   * @pattern ^[A-Z]{2}$
   * @example "DE"
   */
  country: string;
  /**
   * An ISO 3166-2 subdivision of the country (e.g. CN for ES-CN), for a region taxed differently.
   * @pattern ^[A-Z0-9]{1,3}$
   * @example "CN"
   */
  region?: string | null;
  rates: TaxRatesDto;
  /** Catalogue prices include tax for shoppers here (default false): the tax is shown within them, not added. */
  pricesIncludeTax?: boolean;
  /** Shipping is taxed at the standard rate (default true). */
  shippingTaxed?: boolean;
}

export type ChangeTaxRegionRequest = Partial<Omit<TaxRegionRequest, 'country' | 'region'>>;

export interface TaxRegionResponse {
  id: string;
  country: string;
  region: string | null;
  rates: Partial<TaxRatesDto>;
  pricesIncludeTax: boolean;
  shippingTaxed: boolean;
}
