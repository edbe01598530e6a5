import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorResponse, fileContent } from './common/dto/common-responses.dto';

const ERROR_CONTENT = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } };

/**
 * The service's OpenAPI document: every controller route with its request and response DTOs, every
 * error answer as `ErrorResponse`, and the public calendar feed (served outside `/api`). Served at
 * `/api/docs-json`, and written to `apps/api/openapi.json` by `npm run contract`.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('clustermatch API')
    .setDescription('Cluster-to-cluster matchmaking: events, clusters, delegates, meeting requests, schedules.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponse] });
  doc.paths['/calendars/{file}'] = {
    get: {
      tags: ['calendars'],
      operationId: 'CalendarFeed_get',
      summary: 'A calendar feed at its secret URL (no login: the token in the file name is the secret).',
      security: [],
      parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string', example: 'Zx9...Q.ics' } }],
      responses: {
        '200': { description: 'An iCalendar file', content: fileContent('text/calendar') },
        '404': { description: 'Unknown, malformed or revoked link', content: ERROR_CONTENT },
      },
    },
  };
  for (const item of Object.values(doc.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (op && !op.responses['default']) op.responses['default'] = { description: 'Error', content: ERROR_CONTENT };
    }
  }
  return doc;
}
