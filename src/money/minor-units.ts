/**
 * An amount in integer minor units of its currency (cents of EUR, yen of JPY, fils of KWD), never a float.
 * @isLong
 * @minimum 0
 * @maximum 9007199254740991
 * @example 1999
 */
export type MinorUnits = number;
