/** Fields a client may send. */
export type ItemFields = {
  name: string;
  description?: string;
  price?: number;
  tags?: string[];
};

/** Fields the server owns. */
export type ItemMeta = {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type Item = ItemMeta & ItemFields;

export const CLIENT_FIELDS = ["name", "description", "price", "tags"] as const;
export const OPTIONAL_FIELDS = ["description", "price", "tags"] as const;
export const SERVER_FIELDS = ["id", "version", "createdAt", "updatedAt"] as const;

export type OptionalField = (typeof OPTIONAL_FIELDS)[number];

/** A validated JSON merge patch: fields to set and optional fields to remove. */
export type ItemPatch = {
  set: Partial<ItemFields>;
  remove: OptionalField[];
};
