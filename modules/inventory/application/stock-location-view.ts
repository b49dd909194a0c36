import type { StockLocation } from '../domain/stock-location';

export interface StockLocationView {
  id: string;
  code: string;
  name: string;
  country: string;
  /** @isInt */
  priority: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toStockLocationView(location: StockLocation): StockLocationView {
  return { ...location, createdAt: location.createdAt.toISOString(), updatedAt: location.updatedAt.toISOString() };
}
