Feature: Cart
  A shopper collects products in a cart that always shows today's prices and what can be bought, and checks it
  out as one order; the cart is empty afterwards.

  Background:
    Given an admin "Olivia" is logged in
    And "Olivia" offers "Espresso beans" at 1250 cents EUR with 10 in stock
    And "Olivia" offers "Milk jug" at 1800 cents EUR with 2 in stock
    And a customer "Alice" is registered and logged in

  Scenario: A shopper fills a cart and checks it out
    When "Alice" puts 2 "Espresso beans" in her cart
    And "Alice" puts 1 "Milk jug" in her cart
    Then the cart of "Alice" totals 4300 cents EUR with every line available
    When "Alice" checks out her cart
    Then the order of "Alice" is placed as PENDING with a total of 4300 cents EUR
    And the order of "Alice" awaits payment
    And the cart of "Alice" is empty

  Scenario: The cart shows a price change before checkout
    When "Alice" puts 2 "Espresso beans" in her cart
    And "Olivia" changes the price of "Espresso beans" to 1300 cents
    Then the cart of "Alice" soon totals 2600 cents EUR

  Scenario: More than the shelf holds is flagged and cannot be checked out
    When "Alice" puts 3 "Milk jug" in her cart
    Then the "Milk jug" line in the cart of "Alice" is flagged "not_enough_stock"
    When "Alice" checks out her cart
    Then the response status is 409
    And the response is a problem with code "ORDERS.CART_LINES_UNAVAILABLE"
    And "Alice" has placed no order
