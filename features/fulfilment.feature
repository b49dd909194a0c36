Feature: Fulfilment and returns
  A paid order ships in parcels from the warehouses that hold its goods, each parcel with its tracking; the order
  shows how far each line has gone. Delivered goods can be sent back: what is fit to sell goes back on the shelf,
  and the customer gets back exactly what those units cost.

  Background:
    Given an admin "Olivia" is logged in
    And "Olivia" sells a "Tee" in sizes "S, M, L" and colours "Red, Blue" at 1500 cents EUR
    And a customer "Alice" is registered and logged in
    And a warehouse "north" with priority 1 and a warehouse "south" with priority 2

  Scenario: An order ships in two parcels
    Given "Olivia" stocks 2 "Tee" in "M, Red" at the "north" warehouse
    And "Olivia" stocks 1 "Tee" in "M, Red" at the "south" warehouse
    And "Alice" has paid for 3 "Tee" in "M, Red"
    When "Olivia" ships 2 "Tee" in "M, Red" from "north" by "DHL" with the tracking number "PARCEL-1"
    Then the order of "Alice" is PARTIALLY_SHIPPED with 2 of 3 shipped
    And "Alice" is emailed that a parcel is on its way with the tracking number "PARCEL-1"
    When "Olivia" ships 1 "Tee" in "M, Red" from "south" by "UPS" with the tracking number "PARCEL-2"
    Then the order of "Alice" is SHIPPED with 3 of 3 shipped
    And "Alice" is emailed that a parcel is on its way with the tracking number "PARCEL-2"
    And "Tee" in "M, Red" has 0 on hand at "north" and 0 on hand at "south"

  Scenario: A shopper returns one of two shirts and gets its price back
    Given "Olivia" stocks 2 "Tee" in "L, Blue" at the "north" warehouse
    And "Alice" has paid for 2 "Tee" in "L, Blue"
    And "Olivia" has shipped and delivered the order of "Alice"
    When "Alice" asks to return 1 "Tee" in "L, Blue" because "Too big"
    And "Olivia" approves the return
    And "Olivia" receives the returned "Tee" in "L, Blue" back on the shelf at "north"
    Then the return of "Alice" is refunded 1500 cents
    And "Alice" is emailed that her returned items arrived
    And "Tee" in "L, Blue" has 1 on hand at "north" and 0 on hand at "south"
