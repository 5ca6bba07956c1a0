/**
 * 业主自助报修: the public report page's use cases (open a project's or building's page, send
 * the one-time SMS code, file the case) and the printable QR codes that lead to it.
 */
export { type CodeRequest, requestReportCode } from './code';
export { type FileResult, fileReport, type PhotoRefusal, type ReportInput } from './file';
export { openReportPage, type ReportPage } from './page';
export { reportQrSvg } from './qr';
export { reportPagePath, reportQr } from './report-qr';
