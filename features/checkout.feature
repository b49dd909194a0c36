Feature: Checkout
  Customers order from the catalogue and pay by card. Stock is reserved when an order is placed, leaves the
  shelf when it ships, and is released, with the money refunded, when a paid order is cancelled before it ships.

  Background:
    Given an admin "Olivia" is logged in
    And "Olivia" offers "Espresso beans" at 1250 cents EUR with 10 in stock
    And a customer "Alice" is registered and logged in

  Scenario: A customer orders and pays by card
    When "Alice" browses the catalogue
    Then she finds "Espresso beans" at 1250 cents EUR
    When "Alice" orders 2 "Espresso beans"
    Then the order of "Alice" is placed as PENDING with a total of 2500 cents EUR
    And the order of "Alice" awaits payment
    When "Alice" pays for her order with the card "tok_visa"
    Then the payment succeeds
    And the order of "Alice" becomes PAID
    And 8 "Espresso beans" are available
    When "Olivia" ships the order of "Alice"
    Then 8 "Espresso beans" are on hand

  Scenario: A shopper pays immediately after ordering
    When "Alice" orders 2 "Espresso beans"
    And "Alice" pays for her order with the card "tok_visa" at once
    Then the payment is accepted
    And the order of "Alice" becomes PAID
    And the payment for the order of "Alice" succeeded for 2500 cents EUR
    And 8 "Espresso beans" are available

  Scenario: A shopper who pays at once for an order that is then rejected is not charged
    When "Alice" orders 11 "Espresso beans"
    And "Alice" pays for her order with the card "tok_visa" at once
    Then the payment is accepted
    And the order of "Alice" becomes REJECTED
    And the payment for the order of "Alice" ends uncharged because "order_rejected"

  Scenario: A declined card can be retried with another card
    When "Alice" orders 1 "Espresso beans"
    And the order of "Alice" awaits payment
    And "Alice" pays for her order with the card "tok_chargeDeclined"
    Then the payment is declined
    And the order of "Alice" still awaits payment
    When "Alice" pays for her order with the card "tok_visa"
    Then the payment succeeds
    And the order of "Alice" becomes PAID

  Scenario: An order for more than is in stock is rejected
    When "Alice" orders 11 "Espresso beans"
    Then the order of "Alice" becomes REJECTED
    And 10 "Espresso beans" are available

  Scenario: Cancelling a paid order refunds the payment and releases the stock
    Given "Alice" has ordered and paid for 3 "Espresso beans"
    And 7 "Espresso beans" are available
    When "Alice" cancels her order
    Then the order of "Alice" becomes CANCELLED
    And the payment for the order of "Alice" is refunded in full
    And 10 "Espresso beans" are available

  Scenario: The same order sent 20 times at once creates one order and one charge
    When "Alice" sends her order for 1 "Espresso beans" 20 times at once with the same idempotency key
    Then exactly one order of "Alice" exists and every response names it
    When the order of "Alice" awaits payment
    And "Alice" sends her payment with the card "tok_visa" 20 times at once with the same idempotency key
    Then the order of "Alice" becomes PAID
    And the order of "Alice" was charged exactly once
