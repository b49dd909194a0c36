import { renamedField } from '../../../src/http/renamed-field';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Patch,
  Path,
  Post,
  Query,
  Response,
  Route,
  Security,
  SuccessResponse,
  Tags,
} from '@tsoa/runtime';
import type { Knex } from 'knex';
import type { Problem } from '../../../src/http/problem-details';
import { archiveProduct } from '../application/archive-product';
import { createProduct } from '../application/create-product';
import { getProduct } from '../application/get-product';
import { listProducts, type ProductPage } from '../application/list-products';
import type { ProductView } from '../application/product-view';
import { updateProduct } from '../application/update-product';
import { entityTag, expectedVersion } from '../domain/product-version';
import type { MinorUnits } from '../../../src/money/minor-units';
import type { CreateProductRequest, ProductPageLimit, ProductSortParam, UpdateProductRequest, ProductIdParam } from './product.dto';

@Route('products')
@Tags('Products')
export class ProductController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * Browse the catalogue: full-text search, filters, sorting and cursor pagination.
   * @param q Words to search for in name, description and category (web-search syntax: "quoted phrase", -excluded, or).
   * @param category Exact category name.
   * @param minPrice Lowest price in minor units.
   * @param maxPrice Highest price in minor units.
   * @param inStock Only products that are (true) or are not (false) available.
   * @param option Only products with a live variant having these option values, each as `Option:Value` (e.g. `Size:M`); up to 3, all on one variant.
   * @param cursor The `nextCursor` of the previous page.
   * @summary Browse the catalogue
   */
  @Get()
  @Response<Problem>(400, 'Invalid query or cursor')
  public async list(
    @Query() q?: string,
    @Query() category?: string,
    @Query() minPrice?: MinorUnits,
    @Query() maxPrice?: MinorUnits,
    @Query() inStock?: boolean,
    @Query() option?: string[],
    @Query() sort?: ProductSortParam,
    @Query() limit?: ProductPageLimit,
    @Query() cursor?: string,
  ): Promise<ProductPage> {
    return listProducts(this.db, { q, category, minPrice, maxPrice, inStock, option, sort, limit, cursor });
  }

  /**
   * A listed product. The ETag header carries its version for a later conditional PATCH.
   * @summary Read a product
   */
  @Get('{productId}')
  @Response<Problem>(404, 'No such product, or it is archived')
  public async get(@Path() productId: ProductIdParam): Promise<ProductView> {
    const product = await getProduct(this.db, productId);
    this.setHeader('ETag', entityTag(product.version));
    return product;
  }

  /** @summary Create a product */
  @Post()
  @Security('jwt', ['admin'])
  @SuccessResponse(201, 'Created')
  @Response<Problem>(400, 'Invalid product')
  @Response<Problem>(409, 'PRODUCTS.SKU_TAKEN')
  public async create(@Body() body: CreateProductRequest): Promise<ProductView> {
    const product = await createProduct(this.db, withPrice(body));
    this.setStatus(201);
    this.setHeader('Location', `/products/${product.id}`);
    this.setHeader('ETag', entityTag(product.version));
    return product;
  }

  /**
   * Change some fields of a product. Send the version you read as `If-Match: "<version>"` (or a `version`
   * field); if someone changed the product since, the update is refused with 412 PRODUCTS.VERSION_MISMATCH.
   * @summary Change a product
   */
  @Patch('{productId}')
  @Security('jwt', ['admin'])
  @Response<Problem>(400, 'Invalid changes, or no version sent')
  @Response<Problem>(404, 'No such product, or it is archived')
  @Response<Problem>(412, 'PRODUCTS.VERSION_MISMATCH')
  public async update(
    @Path() productId: ProductIdParam,
    @Body() body: UpdateProductRequest,
    @Header('If-Match') ifMatch?: string,
  ): Promise<ProductView> {
    const { version, ...changes } = withPrice(body);
    const product = await updateProduct(this.db, productId, changes, expectedVersion(ifMatch, version));
    this.setHeader('ETag', entityTag(product.version));
    return product;
  }

  /**
   * Archive a product: it is no longer listed nor orderable. Repeating it is harmless. If-Match is honoured when sent.
   * @summary Archive a product
   */
  @Delete('{productId}')
  @Security('jwt', ['admin'])
  @SuccessResponse(204, 'Archived')
  @Response<Problem>(404, 'No such product')
  @Response<Problem>(412, 'PRODUCTS.VERSION_MISMATCH')
  public async archive(@Path() productId: ProductIdParam, @Header('If-Match') ifMatch?: string): Promise<void> {
    const version = ifMatch === undefined || ifMatch.trim() === '' ? undefined : expectedVersion(ifMatch, undefined);
    await archiveProduct(this.db, productId, version);
    this.setStatus(204);
  }
}

/** The price under its name or its deprecated one, as the use cases take it. */
function withPrice<B extends CreateProductRequest | UpdateProductRequest>(body: B): Omit<B, 'priceMinor'> {
  const { priceMinor: _renamed, ...rest } = body;
  const priceCents = renamedField<B, number>(body, 'priceMinor', 'priceCents');
  return priceCents === undefined ? rest : { ...rest, priceCents };
}
