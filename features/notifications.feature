Feature: Customers are kept informed by email
  Mart tells customers what happens to their account and orders, on the channels they chose.

  Scenario: A new customer is welcomed
    Given a customer "Nora" is registered and logged in
    Then "Nora" receives an email with the subject "Welcome to Mart"

  Scenario: A paid order is confirmed with its total
    Given a customer "Omar" is registered and logged in
    And "Omar" receives an email with the subject "Welcome to Mart"
    When an order of "Omar" totalling 2598.00 EUR is paid
    Then "Omar" receives an order confirmation showing the total "€2,598.00"
    And "Omar" finds 3 sent notifications in their notification list: verification, welcome and confirmation
