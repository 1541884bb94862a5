import type { WebSocket } from "ws";

/** API Gateway's WebSocket frame size limit (the quotas page: "WebSocket frame size 32 KB"). */
export const MAX_FRAME_BYTES = 32 * 1024;
/** API Gateway's message payload size limit: a message may come in several frames up to this many bytes. */
export const MAX_MESSAGE_BYTES = 128 * 1024;

/** The parts of ws's frame parser (ws 8, `lib/receiver.js`) the frame limit reads: not public API. */
interface FrameParser {
  _payloadLength: number;
  _opcode: number;
  haveLength(callback: (error?: Error) => void): void;
  createError(ctor: typeof RangeError, message: string, prefix: boolean, statusCode: number, code: string): Error;
}

/**
 * Makes a server-side socket refuse any data frame over {@link MAX_FRAME_BYTES} with 1009, as API
 * Gateway does, while its `maxPayload` ({@link MAX_MESSAGE_BYTES}) bounds whole messages: ws has only
 * the message limit, so the check goes where its parser has read a frame's length, before the payload.
 */
export function limitFrameSize(ws: WebSocket): void {
  const parser = (ws as unknown as { _receiver?: FrameParser })._receiver;
  if (parser === undefined || typeof parser.haveLength !== "function") throw new Error("ws's frame parser is not where the twin expects it (ws 8)");
  const haveLength = parser.haveLength;
  parser.haveLength = function (this: FrameParser, callback) {
    // Opcodes from 0x08 are control frames, whose payload the protocol limits to 125 bytes.
    if (this._opcode < 0x08 && this._payloadLength > MAX_FRAME_BYTES) {
      callback(this.createError(RangeError, "Max frame size exceeded", false, 1009, "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH"));
      return;
    }
    haveLength.call(this, callback);
  };
}

/**
 * Sends one message as API Gateway delivers a posted one: in frames of at most {@link MAX_FRAME_BYTES}
 * (the quotas page: the frame quota "applies to @connections commands").
 */
export function sendInFrames(ws: WebSocket, data: Buffer, binary: boolean): void {
  if (data.length <= MAX_FRAME_BYTES) return ws.send(data, { binary });
  for (let start = 0; start < data.length; start += MAX_FRAME_BYTES) {
    ws.send(data.subarray(start, start + MAX_FRAME_BYTES), { binary, fin: start + MAX_FRAME_BYTES >= data.length });
  }
}
