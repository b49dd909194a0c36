Feature: Catalogue
  Visitors browse, search and filter what the mart sells without an account. Admins add, change and
  archive products, and two admins editing the same product cannot silently overwrite each other.

  Background:
    Given an admin "Olivia" is logged in
    And "Olivia" lists these products in a fresh category:
      | name           | description                       | priceCents |
      | Sourdough loaf | Slow fermented wheat bread        | 450        |
      | Rye bread      | Dark and dense                    | 380        |
      | Croissant      | Butter pastry, baked every morning | 150        |
      | Brioche        | Soft enriched bread               | 510        |

  Scenario: A visitor searches the catalogue
    When a visitor searches the category for "bread"
    Then the visitor sees, in this order: "Brioche, Rye bread, Sourdough loaf"

  Scenario: A visitor filters by price and sorts
    When a visitor browses the category from 200 to 500 cents, sorted by "-price"
    Then the visitor sees, in this order: "Sourdough loaf, Rye bread"

  Scenario: A visitor pages through the category
    When a visitor browses the category 3 products per page
    Then the visitor has seen 2 pages with every product once

  Scenario: An admin changes a price
    When "Olivia" changes the price of "Croissant" to 175 cents
    Then a visitor sees "Croissant" at 175 cents

  Scenario: A stale update is rejected
    Given an admin "Ada" is logged in
    And "Olivia" and "Ada" both open "Rye bread" for editing
    When "Olivia" saves the price 399 cents for "Rye bread"
    And "Ada" saves the price 349 cents for "Rye bread"
    Then the response status is 412
    And the response is a problem with code "PRODUCTS.VERSION_MISMATCH"
    And a visitor sees "Rye bread" at 399 cents

  Scenario: An archived product leaves the catalogue
    When "Olivia" archives "Croissant"
    Then the response status is 204
    And "Croissant" is no longer in the catalogue

  Scenario: Visitors cannot change the catalogue
    When a visitor tries to add a product
    Then the response status is 401
    And the response is a problem with code "AUTH.MISSING_TOKEN"
