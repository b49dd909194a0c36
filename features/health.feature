Feature: Operating the API
  Operators check that the API process can serve traffic before routing users to it.

  Scenario: The API is ready when Postgres, Kafka and the schema registry answer
    When the operator asks whether the API is ready
    Then the response status is 200
    And every dependency is reported up
