Feature: Customer accounts
  People register with their email and prove it is theirs, sign in, keep their profile up to date, stay signed in
  with refresh tokens, sign out, reset a forgotten password and close their account. Only admins administer other
  users.

  Scenario: A customer's account from registration to signing out
    When "Ada" registers with a fresh email and the password "correct horse battery"
    Then the response status is 202
    And "Ada" receives an email with the subject "Verify your email address for Mart"
    When "Ada" follows the link in her verification email
    Then the response status is 204
    And "Ada" receives an email with the subject "Welcome to Mart"
    When "Ada" signs in with the password "correct horse battery"
    Then the response status is 200
    And "Ada" holds a bearer access token and a refresh token
    And the account of "Ada" is a verified customer account without a password in sight
    When "Ada" sets her shipping address to "Unter den Linden 1", "10117" "Berlin", "de"
    Then the response status is 200
    And the profile of "Ada" shows the shipping address in "DE"
    When "Ada" refreshes her session
    Then the response status is 200
    And the previous refresh token of "Ada" no longer works
    When "Ada" signs out
    Then the response status is 204
    And the refresh token of "Ada" no longer works

  Scenario: Registering with an email that has an account tells the stranger nothing and the owner everything
    Given a customer "Grace" is registered and logged in
    When someone registers with the email of "Grace" in capitals
    Then the response status is 202
    And "Grace" receives an email with the subject "Someone tried to register with your address at Mart"
    And "Grace" can still sign in with her password

  Scenario: A shopper resets a forgotten password
    Given a customer "Hedy" is registered and logged in
    When someone asks for a password reset for the email of "Hedy"
    Then the response status is 202
    And "Hedy" receives an email with the subject "Set a new Mart password"
    When "Hedy" sets the new password "frequency hopping 1942" with the link in that email
    Then the response status is 204
    And "Hedy" receives an email with the subject "Your Mart password was changed"
    And the session "Hedy" had before no longer works
    And the reset link of "Hedy" no longer works
    When "Hedy" signs in with the password "frequency hopping 1942"
    Then the response status is 200

  Scenario: A customer closes their account
    Given an admin "Olivia" is logged in
    And "Olivia" offers "Espresso beans" at 1250 cents EUR with 10 in stock
    And a customer "Erin" is registered and logged in
    And "Erin" has ordered and paid for 1 "Espresso beans"
    When "Erin" closes her account with her password
    Then the response status is 202
    And "Erin" can no longer sign in
    And "Olivia" sees every module report the erasure of "Erin"
    And the shop shows no one the email or name of "Erin"
    And the order of "Erin" is kept for the accounts without her name or street

  Scenario: A wrong password does not reveal whether the account exists
    Given a customer "Linus" is registered and logged in
    When "Linus" signs in with the password "not my password"
    Then the response status is 401
    And the response is a problem with code "USERS.INVALID_CREDENTIALS"

  Scenario: A customer cannot use the admin routes
    Given a customer "Mallory" is registered and logged in
    When "Mallory" asks for the list of users
    Then the response status is 403
    And the response is a problem with code "AUTH.FORBIDDEN"

  Scenario: An admin finds a customer and makes them an admin
    Given a customer "Bob" is registered and logged in
    And an admin "Alice" is logged in
    When "Alice" searches the users for the email of "Bob"
    Then the response status is 200
    And the search finds exactly "Bob"
    When "Alice" makes "Bob" an admin
    Then the response status is 200
    And "Bob" is an admin from his next session on
