import { ArgumentMetadata, HttpException, Injectable, ValidationPipe } from '@nestjs/common';
import { AppError, ErrorCode } from './errors';
import { validationException } from './error.filter';
import { checkInputShape } from './input-rules';

/**
 * The global pipe: first the shape rules every input follows (`checkInputShape`: depth and NUL
 * characters, checked without recursion so deep nesting cannot overflow the validators' stack), then
 * class-validator with unknown fields refused. Errors name the field.
 */
@Injectable()
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationException });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A single parameter (`@Param('eventId')`, `@Query('createTerms')`) is named itself; a whole body or query by its kind.
    const where = metadata.data ?? metadata.type;
    checkInputShape(value, where);
    try {
      return await super.transform(value, metadata);
    } catch (err) {
      if (err instanceof AppError || err instanceof HttpException) throw err;
      // A validator that throws on strange input (rather than saying no) still means the input is bad.
      const message = `could not be read: ${err instanceof Error ? err.message : String(err)}`;
      throw new AppError(ErrorCode.Validation, `${where}: ${message}`, [{ path: where, message }]);
    }
  }
}
