/**
 * Data shapes that cross the process boundary (main ↔ renderer, or server ↔ browser).
 * zod is pure JS, so these live in shared/ and are checked on both ends.
 */
import { z } from 'zod';

export const FlagSchema = z.enum(['pick', 'reject']);
export const ColorLabelSchema = z.enum(['red', 'yellow', 'green', 'blue', 'purple']);

export const PhotoSummarySchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  path: z.string(),
  folderId: z.number().int(),
  hash: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  captureTime: z.string().nullable(),
  cameraModel: z.string().nullable(),
  rating: z.number().int().min(0).max(5),
  flag: FlagSchema.nullable(),
  label: ColorLabelSchema.nullable(),
  missing: z.boolean(),
  /** URL of the 256 px thumbnail (tw:// in the desktop app, /media/… in browser mode). */
  thumbUrl: z.string(),
});
export type PhotoSummary = z.infer<typeof PhotoSummarySchema>;

export const PhotoDetailSchema = PhotoSummarySchema.extend({
  format: z.string(),
  cameraMake: z.string().nullable(),
  lens: z.string().nullable(),
  iso: z.number().nullable(),
  aperture: z.number().nullable(),
  shutter: z.number().nullable(),
  focalLength: z.number().nullable(),
  keywords: z.array(z.string()),
  /** URL of the ~2048 px preview the develop view renders from. */
  previewUrl: z.string(),
});
export type PhotoDetail = z.infer<typeof PhotoDetailSchema>;

export const FolderSchema = z.object({
  id: z.number().int(),
  path: z.string(),
  parentId: z.number().int().nullable(),
  photoCount: z.number().int(),
});
export type Folder = z.infer<typeof FolderSchema>;

export const PhotoQuerySchema = z.object({
  folderId: z.number().int().optional(),
  includeSubfolders: z.boolean().optional(),
  minRating: z.number().int().min(0).max(5).optional(),
  flag: FlagSchema.optional(),
  label: ColorLabelSchema.optional(),
  camera: z.string().max(200).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  search: z.string().max(500).optional(),
  sort: z.enum(['capture', 'name', 'rating', 'imported']).optional(),
  descending: z.boolean().optional(),
  limit: z.number().int().min(1).max(5000).default(200),
  offset: z.number().int().min(0).default(0),
});
export type PhotoQueryInput = z.input<typeof PhotoQuerySchema>;

/** An edit step as stored (shared/develop/stack.ts); params and mask are validated by the develop service. */
export const EditStepSchema = z.object({
  id: z.string(),
  op: z.string(),
  opVersion: z.number().int(),
  params: z.record(z.string(), z.unknown()),
  mask: z.unknown().optional(),
  source: z.enum(['user', 'agent', 'import']),
  turnId: z.string().optional(),
  reason: z.string().optional(),
  enabled: z.boolean(),
  createdAt: z.string(),
});
export type EditStepDto = z.infer<typeof EditStepSchema>;

export const StackStateSchema = z.object({
  photoId: z.number().int(),
  steps: z.array(EditStepSchema),
  /** Number of applied steps; steps after it are the redo tail. */
  cursor: z.number().int().min(0),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
});
export type StackState = z.infer<typeof StackStateSchema>;

export const CriterionSchema = z.object({ name: z.string(), weight: z.number(), score: z.number(), note: z.string() });
export const CriticSchema = z.object({ score: z.number(), criteria: z.array(CriterionSchema), summary: z.string() });

export const TurnSchema = z.object({
  turnId: z.string(),
  photoId: z.number().int(),
  userText: z.string(),
  reply: z.string(),
  engine: z.string(),
  stepIds: z.array(z.string()),
  critic: CriticSchema.nullable(),
  createdAt: z.string(),
});
export type Turn = z.infer<typeof TurnSchema>;

export const ImportSummarySchema = z.object({
  imported: z.number().int(),
  duplicates: z.number().int(),
  updated: z.number().int(),
  missing: z.number().int(),
  failed: z.array(z.object({ path: z.string(), error: z.string() })),
  seconds: z.number(),
  /** Lightroom / Camera Raw sidecars (.xmp) found beside imported photos that have no edits yet. */
  sidecars: z.array(z.object({ photoId: z.number().int(), photoPath: z.string(), sidecar: z.string() })).optional(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const ProgressSchema = z.object({
  jobId: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  current: z.string().nullable(),
  rate: z.number(),
  etaSeconds: z.number().nullable(),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const ExportOptionsSchema = z.object({
  destination: z.string().min(1),
  quality: z.number().int().min(1).max(100).default(90),
  longEdge: z.number().int().min(16).max(20000).optional(),
  maxKb: z.number().int().min(10).optional(),
  nameTemplate: z.string().default('{name}'),
  metadata: z.enum(['all', 'no-gps', 'copyright', 'none']).default('all'),
  /** Create the destination folder (and its parents) when it does not exist yet. */
  createFolder: z.boolean().optional(),
});
export type ExportOptions = z.input<typeof ExportOptionsSchema>;

export const ExportResultSchema = z.object({
  written: z.array(z.object({ photoId: z.number().int(), path: z.string(), bytes: z.number().int(), width: z.number().int(), height: z.number().int() })),
  failed: z.array(z.object({ photoId: z.number().int(), error: z.string() })),
  seconds: z.number(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const EngineInfoSchema = z.object({
  active: z.string(),
  engines: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      available: z.boolean(),
      models: z.array(z.object({ id: z.string(), name: z.string(), available: z.boolean() })),
      /** The engine needs a runtime that is not built yet (the vision engine's llama-server): the UI offers agent.buildRuntime. */
      needsRuntime: z.boolean().optional(),
      /** That runtime is being built now. */
      building: z.boolean().optional(),
    }),
  ),
});

export const SidecarResultSchema = z.object({
  applied: z.array(z.object({ photoId: z.number().int(), sidecar: z.string(), steps: z.number().int(), unmapped: z.array(z.string()) })),
  failed: z.array(z.object({ path: z.string(), error: z.string() })),
});
export type SidecarResult = z.infer<typeof SidecarResultSchema>;
