/** Chat turns with the retoucher, in order, per photo (photo_id null: a library-wide chat). */
import type { Db } from '../db/connection.ts';
import { nowIso, parseJson } from './util.ts';

export type ChatRole = 'user' | 'assistant' | 'tool' | 'system';

export interface ChatTurnRecord {
  seq: number;
  turnId: string;
  photoId: number | null;
  role: ChatRole;
  content: string;
  /** Anything structured the turn carries (tool calls, step ids, model name, timings). */
  data: unknown;
  createdAt: string;
}

interface Row {
  seq: number;
  turn_id: string;
  photo_id: number | null;
  role: ChatRole;
  content: string;
  data: string | null;
  created_at: string;
}

const toRecord = (r: Row): ChatTurnRecord => ({
  seq: r.seq,
  turnId: r.turn_id,
  photoId: r.photo_id,
  role: r.role,
  content: r.content,
  data: parseJson(r.data, null),
  createdAt: r.created_at,
});

export class ChatRepository {
  constructor(private readonly db: Db) {}

  add(turn: { turnId: string; photoId: number | null; role: ChatRole; content: string; data?: unknown; createdAt?: string }): number {
    return Number(
      this.db
        .prepare('INSERT INTO chat_turns (turn_id, photo_id, role, content, data, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(turn.turnId, turn.photoId, turn.role, turn.content, turn.data === undefined ? null : JSON.stringify(turn.data), turn.createdAt ?? nowIso()).lastInsertRowid,
    );
  }

  forPhoto(photoId: number | null, limit = 1000): ChatTurnRecord[] {
    const rows =
      photoId === null
        ? this.db.prepare<[number], Row>('SELECT * FROM chat_turns WHERE photo_id IS NULL ORDER BY seq LIMIT ?').all(limit)
        : this.db.prepare<[number, number], Row>('SELECT * FROM chat_turns WHERE photo_id = ? ORDER BY seq LIMIT ?').all(photoId, limit);
    return rows.map(toRecord);
  }

  byTurnId(turnId: string): ChatTurnRecord | undefined {
    const r = this.db.prepare<[string], Row>('SELECT * FROM chat_turns WHERE turn_id = ?').get(turnId);
    return r && toRecord(r);
  }
}
