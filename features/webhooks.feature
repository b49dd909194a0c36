Feature: Webhooks
  Integrators who cannot read Kafka register an HTTPS endpoint and receive the events they subscribe to as signed
  JSON POSTs: each event once (the receiver drops repeats by webhook-id), in order per order, retried until it lands.

  Background:
    Given an admin "Olivia" is logged in
    And "Olivia" sells a "Tee" in sizes "S, M, L" and colours "Red, Blue" at 1500 cents EUR
    And a warehouse "north" with priority 1 and a warehouse "south" with priority 2
    And a customer "Alice" is registered and logged in

  Scenario: An ERP receives every paid order once
    Given an ERP that fails its first request has "Olivia" register it for "orders.OrderPaid" webhooks
    And "Olivia" stocks 5 "Tee" in "M, Red" at the "north" warehouse
    When "Alice" has paid for 2 "Tee" in "M, Red"
    Then the ERP receives the paid order of "Alice" once, signed with its secret
    And the delivery log of the ERP shows the paid order delivered after 2 attempts
