// Worker bootstrap: worker threads do not inherit the parent's module hooks, so register tsx
// here before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
