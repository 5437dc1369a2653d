// Element edits run only in the editor, whose chunk loads them: the start screen does not carry
// them. Once loaded they run synchronously, as when they were imported statically.
// Review mode reads the findings, so it brings the rules engine: loaded with the editor as well.
type ElementActions = typeof import('../store/elementActions') & typeof import('../review/reviewActions');
let loadedActions: ElementActions | null = null;
/** Loads the element edits and review actions; the editor waits for this before it shows (see App.tsx). */
export async function loadElementActions(): Promise<ElementActions> {
  if (!loadedActions) {
    const [elements, review] = await Promise.all([
      import('../store/elementActions'),
      import('../review/reviewActions'),
    ]);
    loadedActions = { ...elements, ...review };
  }
  return loadedActions;
}
/** Runs an edit with the loaded actions: at once once the editor is in, else after loading them. */
export function withElementActions(edit: (actions: ElementActions) => void): void | Promise<void> {
  if (loadedActions) return edit(loadedActions);
  return loadElementActions().then(edit);
}
