/** The mocks live beside the offline preview, which runs the program under the same engine. */
export * from "../../preview/mocks";
export * from "../../preview/mock-state";
