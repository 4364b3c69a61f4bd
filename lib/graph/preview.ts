/**
 * A static picture of one graph view, drawn on the server (server/views/graphPreview.ts) and shown by the service
 * page until its interactive graph is ready.
 */
export interface GraphPreview {
  /** The path it shows: the page uses it only while that path is selected. */
  pathId: string;
  /**
   * A `data:image/svg+xml;base64,…` URL of the SVG from lib/graph/exportSvg.ts (every cluster string in it is
   * XML-escaped). Base64 rather than percent-encoding: a third larger, not twice.
   */
  src: string;
  /** What the picture shows, for screen readers. */
  label: string;
}
