@shipping
Feature: Shipping and tax at checkout
  An order is charged its goods, its shipping and its tax, to the minor unit: the shopper chooses how it is shipped,
  the shop's rates tax each line and the shipping, and prices may include the tax where the shop sells so.

  Background:
    Given an admin "Olivia" is logged in
    And Germany taxes 19 % standard and 7 % reduced, included in the prices, shipping taxed
    And "Olivia" ships to Germany by "Standard" for 490 cents EUR, free from 5000 cents
    And "Olivia" offers "Coffee mug" at 1190 cents EUR with 20 in stock
    And a customer "Alice" is registered and logged in

  Scenario: A shopper in Germany pays VAT-inclusive prices and standard shipping
    When "Alice" orders 1 "Coffee mug" shipped to Berlin by "Standard"
    Then the order of "Alice" comes to 1680 cents: 1190 for the goods, 490 for shipping, 268 of tax included
    And the order of "Alice" awaits payment
    When "Alice" pays for her order with the card "tok_visa"
    Then "Alice" receives an order confirmation showing the total "€16.80"

  Scenario: Free shipping above 50
    When "Alice" orders 5 "Coffee mug" shipped to Berlin by "Standard"
    Then the order of "Alice" comes to 5950 cents: 5950 for the goods, 0 for shipping, 950 of tax included

  Scenario: An address no shipping option serves
    When "Alice" tries to order 1 "Coffee mug" shipped to Paris
    Then the response status is 422
    And the response is a problem with code "ORDERS.ADDRESS_NOT_SERVED"
    And "Alice" has placed no order
