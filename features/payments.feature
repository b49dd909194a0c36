Feature: Paying for orders
  A customer pays an order that awaits payment with a card. A payment sent earlier is held and charged when the
  order can be. A declined card leaves the order payable, so the customer can try another card. An admin can give back part of a payment, but never more than was captured.

  Background:
    Given a customer "Alice" is registered and logged in

  Scenario: A customer pays an order awaiting payment
    Given "Alice" has an order of "49.99 EUR" awaiting payment
    When "Alice" pays the order with the card "tok_visa"
    Then the response status is 201
    And the payment succeeded for "49.99 EUR" with a "visa" card ending in "4242"
    And the payment's success is published for the order

  Scenario: A declined card, then another card that works
    Given "Alice" has an order of "20.00 EUR" awaiting payment
    When "Alice" pays the order with the card "tok_chargeDeclined"
    Then the response status is 201
    And the payment failed with the decline code "card_declined"
    When "Alice" pays the order with the card "tok_mastercard"
    Then the response status is 201
    And the payment succeeded for "20.00 EUR" with a "mastercard" card ending in "4444"
    And "Alice" sees 2 payments for the order, the latest "SUCCEEDED"

  Scenario: A payment for an order not yet confirmed is held, then charged when the order awaits payment
    Given "Alice" has placed an order of "15.00 EUR" that is not yet confirmed
    When "Alice" pays the order with the card "tok_visa"
    Then the response status is 202
    And the payment is held as "PENDING"
    When the order of "Alice" is confirmed
    Then the payment succeeded for "15.00 EUR" with a "visa" card ending in "4242"

  Scenario: An admin refunds part of a payment, but not more than is left
    Given an admin "Ada" is logged in
    And "Alice" has paid an order of "80.00 EUR" with the card "tok_visa"
    When "Ada" refunds "25.00 EUR" of the payment
    Then the response status is 201
    And "Alice" sees "25.00 EUR" of "80.00 EUR" refunded on the payment
    When "Ada" refunds "60.00 EUR" of the payment
    Then the response status is 422
    And the response is a problem with code "PAYMENTS.REFUND_EXCEEDS_CAPTURED"
    And "Alice" sees "25.00 EUR" of "80.00 EUR" refunded on the payment
