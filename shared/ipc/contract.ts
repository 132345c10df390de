/**
 * The one IPC contract: every channel the renderer may call, with its input and output
 * schemas, and every event main may push. The Electron preload exposes exactly these, the
 * browser-mode server hosts exactly these, and both ends validate with these schemas.
 */
import { z } from 'zod';
import {
  CriticSchema,
  EditStepSchema,
  EngineInfoSchema,
  ExportOptionsSchema,
  ExportResultSchema,
  FolderSchema,
  ImportSummarySchema,
  PhotoDetailSchema,
  PhotoQuerySchema,
  PhotoSummarySchema,
  ProgressSchema,
  SidecarResultSchema,
  StackStateSchema,
  TurnSchema,
} from './schemas.ts';

const PhotoId = z.object({ photoId: z.number().int().min(1) });
const Empty = z.object({}).strict();

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

export const CHANNELS = {
  'app.info': channel(Empty, z.object({ version: z.string(), catalogPath: z.string(), dataDir: z.string(), mode: z.enum(['desktop', 'web']) })),

  'library.folders': channel(Empty, z.array(FolderSchema)),
  'library.query': channel(PhotoQuerySchema, z.object({ total: z.number().int(), photos: z.array(PhotoSummarySchema) })),
  'library.photo': channel(PhotoId, PhotoDetailSchema),
  'library.setMarks': channel(
    z.object({
      photoIds: z.array(z.number().int()).min(1).max(100_000),
      rating: z.number().int().min(0).max(5).optional(),
      flag: z.enum(['pick', 'reject', 'none']).optional(),
      label: z.enum(['red', 'yellow', 'green', 'blue', 'purple', 'none']).optional(),
    }),
    z.object({ updated: z.number().int() }),
  ),

  'import.start': channel(z.object({ paths: z.array(z.string().min(1)).min(1).max(100) }), z.object({ jobId: z.string() })),
  'import.cancel': channel(z.object({ jobId: z.string() }), z.object({ cancelled: z.boolean() })),
  /** Apply the Lightroom sidecars found beside these photos (one undoable import turn each; edited photos are skipped). */
  'import.applySidecars': channel(z.object({ photoIds: z.array(z.number().int().min(1)).min(1).max(100_000) }), SidecarResultSchema),

  'develop.load': channel(PhotoId, StackStateSchema),
  /** One user step (a finished slider drag, a reset, a paste). */
  'develop.commit': channel(
    PhotoId.extend({ op: z.string(), params: z.record(z.string(), z.unknown()), mask: z.unknown().optional() }),
    StackStateSchema.extend({ warnings: z.array(z.string()) }),
  ),
  'develop.undo': channel(PhotoId.extend({ scope: z.enum(['step', 'turn']).default('step') }), StackStateSchema),
  'develop.redo': channel(PhotoId.extend({ scope: z.enum(['step', 'turn']).default('step') }), StackStateSchema),
  'develop.toggleStep': channel(PhotoId.extend({ stepId: z.string(), enabled: z.boolean() }), StackStateSchema),
  'develop.jumpTo': channel(PhotoId.extend({ cursor: z.number().int().min(0) }), StackStateSchema),
  'develop.snapshots': channel(PhotoId, z.array(z.object({ id: z.number().int(), name: z.string(), cursor: z.number().int(), createdAt: z.string() }))),
  'develop.saveSnapshot': channel(PhotoId.extend({ name: z.string().min(1).max(200) }), z.object({ id: z.number().int() })),
  'develop.pasteSettings': channel(
    z.object({ fromPhotoId: z.number().int(), toPhotoIds: z.array(z.number().int()).min(1), ops: z.array(z.string()).optional() }),
    z.object({ updated: z.number().int() }),
  ),

  'agent.send': channel(
    PhotoId.extend({ text: z.string().max(4000), candidates: z.number().int().min(1).max(8).optional() }),
    z.object({ turn: TurnSchema, steps: z.array(EditStepSchema), critic: CriticSchema.nullable(), stack: StackStateSchema }),
  ),
  'agent.conversation': channel(PhotoId, z.array(TurnSchema)),
  'agent.suggestions': channel(PhotoId, z.array(z.string())),
  'agent.engines': channel(Empty, EngineInfoSchema),
  'agent.setEngine': channel(z.object({ engine: z.string(), modelId: z.string().optional() }), EngineInfoSchema),
  /** Starts building the vision runtime from the bundled llama.cpp source (offline, minutes); progress as agent.runtimeProgress. */
  'agent.buildRuntime': channel(Empty, z.object({ started: z.boolean(), built: z.boolean() })),

  'export.start': channel(z.object({ photoIds: z.array(z.number().int()).min(1), options: ExportOptionsSchema }), z.object({ jobId: z.string() })),
  'export.cancel': channel(z.object({ jobId: z.string() }), z.object({ cancelled: z.boolean() })),
} as const;

export const EVENTS = {
  'import.progress': ProgressSchema,
  'import.done': z.object({ jobId: z.string(), summary: ImportSummarySchema }),
  'agent.token': z.object({ photoId: z.number().int(), text: z.string() }),
  'agent.status': z.object({ photoId: z.number().int(), status: z.string() }),
  'agent.runtimeProgress': z.object({ line: z.string(), done: z.boolean(), ok: z.boolean().optional(), error: z.string().optional() }),
  'export.progress': ProgressSchema,
  'export.done': z.object({ jobId: z.string(), result: ExportResultSchema }),
  'catalog.changed': z.object({ photoIds: z.array(z.number().int()).optional() }),
} as const;

export type Channel = keyof typeof CHANNELS;
export type EventName = keyof typeof EVENTS;
export type ChannelInput<C extends Channel> = z.input<(typeof CHANNELS)[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<(typeof CHANNELS)[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;

/** The typed API the renderer sees (window.tonewright in Electron, an HTTP client in browser mode). */
export interface TonewrightApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Errors travel with a kind so the UI can say something specific. */
export const IpcErrorSchema = z.object({ kind: z.enum(['invalid-input', 'not-found', 'failed', 'cancelled']), message: z.string() });
export type IpcError = z.infer<typeof IpcErrorSchema>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(CHANNELS, name);
}

export * from './schemas.ts';
