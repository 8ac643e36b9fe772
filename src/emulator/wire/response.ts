/** What a protocol layer hands back to the HTTP server. */
export interface WireResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}
