import { useState } from 'preact/hooks';

/** Buttons that act one at a time: which action is running, and the last failure to show. */
export function useAction<Action extends string>() {
  const [busy, setBusy] = useState<Action | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const run = async (action: Action, work: () => Promise<void>) => {
    setBusy(action);
    setFailure(null);
    try {
      await work();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };
  return { busy, failure, run };
}
