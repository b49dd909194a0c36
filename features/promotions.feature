Feature: Promotion codes
  A shopper pays less with a promotion code; a code can be used as often as the shop allows and no more,
  however many shoppers try it at once.

  Background:
    Given an admin "Olivia" is logged in
    And "Olivia" offers "Espresso beans" at 1250 cents EUR with 10 in stock

  Scenario: A shopper pays less with a promotion code
    Given "Olivia" creates the promotion code "WELCOME" for 10 percent off, usable 5 times
    And a customer "Alice" is registered and logged in
    When "Alice" orders 2 "Espresso beans" with the code "WELCOME"
    Then the order of "Alice" has a subtotal of 2500, a discount of 250 and a total of 2250 cents
    And the order of "Alice" awaits payment
    When "Alice" pays for her order with the card "tok_visa"
    Then the payment succeeds
    And the order of "Alice" becomes PAID

  Scenario: A used-up code is refused and nothing is placed
    Given "Olivia" creates the promotion code "ONCE" for 10 percent off, usable 1 time
    And a customer "Bob" is registered and logged in
    And a customer "Carol" is registered and logged in
    When "Bob" orders 1 "Espresso beans" with the code "ONCE"
    And "Carol" orders 1 "Espresso beans" with the code "ONCE"
    Then the response status is 409
    And the response is a problem with code "ORDERS.PROMOTION_EXHAUSTED"
    And "Carol" has placed no order
