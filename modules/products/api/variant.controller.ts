import { Body, Controller, Delete, Patch, Path, Post, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { Problem } from '../../../src/http/problem-details';
import { addOption } from '../application/add-option';
import { archiveVariant } from '../application/archive-variant';
import { changeOption } from '../application/change-option';
import { changeVariant } from '../application/change-variant';
import { createVariant } from '../application/create-variant';
import type { ProductView, VariantView } from '../application/product-view';
import { removeOption } from '../application/remove-option';
import type { ProductIdParam } from './product.dto';
import type { ChangeVariantRequest, CreateVariantRequest, OptionRequest } from './variant.dto';

@Route('products/{productId}')
@Tags('Products')
@Security('jwt', ['admin'])
export class VariantController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * Add a variant: its own SKU and price, and one value of each of the product's options. No two live variants of
   * a product have the same option values.
   * @summary Add a variant
   */
  @Post('variants')
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid variant: a missing or unknown option value is named')
  @Response<Problem>(404, 'No such product, or it is archived')
  @Response<Problem>(409, 'PRODUCTS.VARIANT_EXISTS, PRODUCTS.SKU_TAKEN or PRODUCTS.TOO_MANY_VARIANTS')
  public async createVariant(@Path() productId: ProductIdParam, @Body() body: CreateVariantRequest): Promise<VariantView> {
    const variant = await createVariant(this.db, productId, body);
    this.setStatus(201);
    this.setHeader('Location', `/products/${productId}/variants/${variant.id}`);
    return variant;
  }

  /** @summary Change a variant's price, weight or option values */
  @Patch('variants/{variantId}')
  @Response<Problem>(400, 'Invalid changes')
  @Response<Problem>(404, 'No such product or live variant')
  @Response<Problem>(409, 'PRODUCTS.VARIANT_EXISTS')
  public async changeVariant(@Path() productId: ProductIdParam, @Path() variantId: ProductIdParam, @Body() body: ChangeVariantRequest): Promise<VariantView> {
    return changeVariant(this.db, productId, variantId, body);
  }

  /**
   * Archive a variant: it can no longer be ordered, and its option values are free for a new variant. It is never
   * deleted, since orders and carts may name it. Repeating it is harmless.
   * @summary Archive a variant
   */
  @Delete('variants/{variantId}')
  @SuccessResponse(204, 'Archived')
  @Response<Problem>(404, 'No such product or variant')
  @Response<Problem>(409, 'PRODUCTS.LAST_VARIANT')
  public async archiveVariant(@Path() productId: ProductIdParam, @Path() variantId: ProductIdParam): Promise<void> {
    await archiveVariant(this.db, productId, variantId);
    this.setStatus(204);
  }

  /**
   * Add an option (at most 3). The product's existing variants take its first value.
   * @summary Add an option
   */
  @Post('options')
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid option')
  @Response<Problem>(409, 'PRODUCTS.TOO_MANY_OPTIONS')
  public async addOption(@Path() productId: ProductIdParam, @Body() body: OptionRequest): Promise<ProductView> {
    const product = await addOption(this.db, productId, body);
    this.setStatus(201);
    return product;
  }

  /**
   * Rename an option and set its values: kept values carry their id (a renamed value reaches its variants), values
   * without an id are added, values left out are removed.
   * @summary Change an option
   */
  @Patch('options/{optionId}')
  @Response<Problem>(400, 'Invalid option')
  @Response<Problem>(404, 'No such product or option')
  @Response<Problem>(409, 'PRODUCTS.OPTION_VALUE_IN_USE, naming the variants')
  public async changeOption(@Path() productId: ProductIdParam, @Path() optionId: ProductIdParam, @Body() body: OptionRequest): Promise<ProductView> {
    return changeOption(this.db, productId, optionId, body);
  }

  /** @summary Remove an option (refused while it tells live variants apart) */
  @Delete('options/{optionId}')
  @Response<Problem>(404, 'No such product or option')
  @Response<Problem>(409, 'PRODUCTS.OPTION_IN_USE')
  public async removeOption(@Path() productId: ProductIdParam, @Path() optionId: ProductIdParam): Promise<ProductView> {
    return removeOption(this.db, productId, optionId);
  }
}
