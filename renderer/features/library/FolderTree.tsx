/** The folder tree: catalog folders nested by parent, with photo counts. */
import type { ReactElement } from 'react';
import type { Folder } from '../../../shared/ipc/contract.ts';

interface Props {
  folders: Folder[];
  selected: number | undefined;
  onSelect(folderId: number | undefined): void;
}

function name(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

export function FolderTree({ folders, selected, onSelect }: Props) {
  const children = new Map<number | null, Folder[]>();
  const ids = new Set(folders.map((f) => f.id));
  for (const f of folders) {
    const parent = f.parentId !== null && ids.has(f.parentId) ? f.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(f);
    children.set(parent, list);
  }
  const render = (parent: number | null, depth: number): ReactElement[] =>
    (children.get(parent) ?? [])
      .sort((a, b) => a.path.localeCompare(b.path))
      .flatMap((f) => [
        <li
          key={f.id}
          className={f.id === selected ? 'selected' : ''}
          style={{ paddingLeft: 8 + depth * 14 }}
          title={f.path}
          data-testid="folder-item"
          onClick={() => onSelect(f.id)}
        >
          {depth === 0 ? f.path : name(f.path)} <span className="count">{f.photoCount}</span>
        </li>,
        ...render(f.id, depth + 1),
      ]);
  return (
    <nav className="folder-tree" aria-label="Folders">
      <h3>Folders</h3>
      <ul>
        <li className={selected === undefined ? 'selected' : ''} onClick={() => onSelect(undefined)} data-testid="folder-all">
          All photographs
        </li>
        {render(null, 0)}
      </ul>
    </nav>
  );
}
