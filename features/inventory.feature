Feature: Inventory
  Admins keep the stock on hand right; customers' orders reserve stock so that nobody is sold what is not there.

  Background:
    Given an admin "Olivia" is logged in
    And "Olivia" has added "Oat milk" to the catalogue

  Scenario: An admin restocks a product
    When "Olivia" restocks 24 "Oat milk"
    Then the response status is 201
    And "Oat milk" shows 24 on hand and 24 available
    And "Olivia" sees a restock of 24 "Oat milk" in the stock history

  Scenario: Stock cannot be adjusted below zero
    Given "Olivia" restocks 5 "Oat milk"
    When "Olivia" writes off 6 "Oat milk" as damaged
    Then the response status is 409
    And the response is a problem with code "INVENTORY.INSUFFICIENT_STOCK"
    And "Oat milk" shows 5 on hand and 5 available

  Scenario: An order reserves stock, lowering what is available
    Given "Olivia" restocks 10 "Oat milk"
    And a customer "Alice" is registered and logged in
    When "Alice" orders 3 "Oat milk"
    Then "Oat milk" shows 10 on hand and 7 available

  Scenario: Anyone sees whether a product can be ordered, not how many units are left
    Given "Olivia" restocks 3 "Oat milk"
    Then anyone sees "Oat milk" as "LOW_STOCK", without stock counts
    When "Olivia" restocks 20 "Oat milk"
    Then anyone sees "Oat milk" as "IN_STOCK", without stock counts
