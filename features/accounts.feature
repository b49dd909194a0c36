Feature: Customer accounts
  People register with their email, sign in, keep their profile up to date, stay signed in with
  refresh tokens and sign out. Only admins administer other users.

  Scenario: A customer's account from registration to signing out
    When "Ada" registers with a fresh email and the password "correct horse battery"
    Then the response status is 201
    And the account of "Ada" is a customer account without a password in sight
    When "Ada" signs in with the password "correct horse battery"
    Then the response status is 200
    And "Ada" holds a bearer access token and a refresh token
    When "Ada" sets her shipping address to "Unter den Linden 1", "10117" "Berlin", "de"
    Then the response status is 200
    And the profile of "Ada" shows the shipping address in "DE"
    When "Ada" refreshes her session
    Then the response status is 200
    And the previous refresh token of "Ada" no longer works
    When "Ada" signs out
    Then the response status is 204
    And the refresh token of "Ada" no longer works

  Scenario: Registering twice with the same email
    Given a customer "Grace" is registered and logged in
    When someone registers with the email of "Grace" in capitals
    Then the response status is 409
    And the response is a problem with code "USERS.EMAIL_TAKEN"

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
