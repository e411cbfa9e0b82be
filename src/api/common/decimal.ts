import { applyDecorators } from '@nestjs/common';
import { buildMessage, IsNumber, ValidateBy } from 'class-validator';

/**
 * A finite number with at most `places` decimal places. class-validator's own `maxDecimalPlaces` reads the digits
 * after the '.' of `toString()`, and throws (a 500) on a number written with an exponent such as 8e-323 or 1e-7.
 */
export function IsDecimal(places: number): PropertyDecorator {
  return applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }),
    ValidateBy({
      name: 'maxDecimalPlaces',
      constraints: [places],
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number(value.toFixed(places)) === value,
        defaultMessage: buildMessage((each) => `${each}$property must have at most ${places} decimal places`),
      },
    }),
  );
}
