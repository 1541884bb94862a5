/**
 * The payloads of LocalStack's AWS-validated test_apigateway_s3.snapshot.json (TestApiGatewayS3BinarySupport):
 * a gzip blob ("raw"), its base64 ("encoded") and a UTF-8 text, and what API Gateway made of them.
 */
export const ENCODED = "H4sIABRs7mMC/0vOzy0oSi0uTk1RSEksSdRRKM7IL81JUUhKVcjMK0vMyUxRCA1x07VQKC4pysxLBwC4ORBXLwAAAA==";
export const RAW = Buffer.from(ENCODED, "base64");
export const TEXT = "this is a UTF8 text typed object";
/** The raw blob as a UTF-8 string: every byte that is not UTF-8 is U+FFFD (99 bytes; the snapshots' `raw-payload-text-accept-text`). */
export const RAW_AS_TEXT = Buffer.from(
  "1fefbfbd0800146cefbfbd6302efbfbd4befbfbdefbfbd2d284a2d2e4e4d5148492c49efbfbd5128efbfbdefbfbd2fefbfbd4951484a55efbfbdefbfbd2b4befbfbdefbfbd4c51080d71d3b550282e29efbfbdefbfbd4b0700efbfbd3910572f000000",
  "hex",
);
export const ENCODED_TWICE = "SDRzSUFCUnM3bU1DLzB2T3p5MG9TaTB1VGsxUlNFa3NTZFJSS003SUw4MUpVVWhLVmNqTUswdk15VXhSQ0ExeDA3VlFLQzRweXN4TEJ3QzRPUkJYTHdBQUFBPT0=";
export const TEXT_ENCODED = "dGhpcyBpcyBhIFVURjggdGV4dCB0eXBlZCBvYmplY3Q=";
export const FAILED = { status: 500, body: '{"message": "Internal server error"}' };
