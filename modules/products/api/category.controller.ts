import { Controller, Get, Route, Tags } from '@tsoa/runtime';
import type { Knex } from 'knex';
import { listCategories, type CategoryView } from '../application/list-categories';

@Route('categories')
@Tags('Products')
export class CategoryController extends Controller {
  constructor(private readonly db: Knex) {
    super();
  }

  /**
   * Categories that have listed products, with how many products each has.
   * @summary List categories
   */
  @Get()
  public async list(): Promise<{ items: CategoryView[] }> {
    return { items: await listCategories(this.db) };
  }
}
