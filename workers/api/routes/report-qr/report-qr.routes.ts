import { z } from '@hono/zod-openapi';
import { bearerSecurity, commonErrors, createRoute, IdParamSchema } from '../../lib/openapi';

/** The printable QR codes of the public report pages (业主自助报修). */

const tags = ['org'];

const svgContent = (description: string) => ({
  description,
  content: {
    'image/svg+xml': {
      schema: z
        .string()
        .openapi({ description: 'An SVG image: the QR code, the place’s name and the page’s address' }),
    },
  },
});

export const projectReportQrRoute = createRoute({
  method: 'get',
  path: '/projects/{id}/report-qr',
  operationId: 'projectReportQr',
  tags,
  summary: "The printable QR code of a project's report page",
  description:
    'An SVG to print and post in the estate: it opens the public report page of the project (`/report/{tenant}/{projectId}`), where an owner picks their building and unit, proves their phone with an SMS code and files a case. `X-Report-Url` carries the address. Needs `org.read` over the project.',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: svgContent('The QR code as SVG'), ...commonErrors },
});

export const buildingReportQrRoute = createRoute({
  method: 'get',
  path: '/buildings/{id}/report-qr',
  operationId: 'buildingReportQr',
  tags,
  summary: "The printable QR code of a building's report page",
  description:
    'As the project’s, but the page opens on the building’s units (`/report/{tenant}/{projectId}/{buildingId}`). Needs `org.read` over the building’s project.',
  security: bearerSecurity,
  request: { params: IdParamSchema },
  responses: { 200: svgContent('The QR code as SVG'), ...commonErrors },
});
