Feature: Variants and stock locations
  A product is sold in variants (a T-shirt in sizes and colours), each with its own SKU, price and stock, kept at
  one or more warehouses; an order is filled from the warehouses that hold the goods, by their priority.

  Background:
    Given an admin "Olivia" is logged in
    And "Olivia" sells a "Tee" in sizes "S, M, L" and colours "Red, Blue" at 1500 cents EUR
    And a customer "Alice" is registered and logged in

  Scenario: A shopper buys a medium red T-shirt
    Given "Olivia" stocks 3 "Tee" in "M, Red" at the default warehouse
    When "Alice" orders 1 "Tee" in "M, Red"
    Then the order of "Alice" has one line of "Tee" in Size "M" and Colour "Red"
    And the order of "Alice" awaits payment
    When "Alice" pays for her order with the card "tok_visa"
    Then "Alice" receives an order confirmation listing "Tee (Size: M, Colour: Red)"

  Scenario: An order is filled from two warehouses
    Given a warehouse "north" with priority 1 and a warehouse "south" with priority 2
    And "Olivia" stocks 2 "Tee" in "L, Blue" at the "north" warehouse
    And "Olivia" stocks 3 "Tee" in "L, Blue" at the "south" warehouse
    When "Alice" orders 4 "Tee" in "L, Blue"
    Then the order of "Alice" awaits payment
    And "Tee" in "L, Blue" has 2 of 2 reserved at "north" and 2 of 3 reserved at "south"

  Scenario: An archived variant cannot be ordered
    Given "Olivia" stocks 5 "Tee" in "S, Blue" at the default warehouse
    And "Alice" puts 1 "Tee" in "S, Blue" in her cart
    When "Olivia" archives the "Tee" in "S, Blue"
    Then the "Tee" in "S, Blue" is flagged "archived" in the cart of "Alice"
    When "Alice" tries to order 1 "Tee" in "S, Blue"
    Then the response status is 422
    And the response is a problem with code "ORDERS.PRODUCT_UNAVAILABLE"
