Feature: Security a shopper and an operator can see
  Access ends when the grant behind it ends, guessing a password cannot lock its owner out, an email address is
  one mailbox, and what the API knows about itself is not on the public port.

  Scenario: Signing out ends access at once, not when the token expires
    Given a customer "Sam" is registered and logged in
    When "Sam" signs out
    Then within a second the access token of "Sam" is refused with "AUTH.SESSION_ENDED"

  Scenario: A demoted admin loses admin access at once
    Given an admin "Ada" is logged in
    And an admin "Dan" is logged in
    When "Ada" makes "Dan" a customer
    Then within a second "Dan" is refused the stock list with status 403

  Scenario: Someone guessing a password from one address does not lock the owner out
    Given a customer "Olga" is registered and logged in
    When someone guesses the password of "Olga" 5 times from 203.0.113.9
    Then signing in as "Olga" from 203.0.113.9 is refused with status 429
    But "Olga" signs in from 198.51.100.4 with her password

  Scenario: Guesses from the addresses of one IPv6 network count as one address
    Given a customer "Ivan" is registered and logged in
    When someone guesses the password of "Ivan" 5 times from addresses in 2001:db8:7:7::/64
    Then signing in as "Ivan" from 2001:db8:7:7::beef is refused with status 429
    But "Ivan" signs in from 2001:db8:7:8::1 with his password

  Scenario: A list of addresses is not an email address
    When someone registers with the email "attacker@example.com,victim@example.com"
    Then the response status is 400
    And the response is a problem with code "USERS.VALIDATION_FAILED"

  Scenario: The API's metrics are not served on its public port
    When a visitor asks the API for "/metrics"
    Then the response status is 404
