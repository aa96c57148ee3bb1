/** Props of RefreshButton. */
export type RefreshButtonProps = { readonly onRefresh: () => void; readonly isLoading: boolean };

/** Asks the engine again; the data on screen stays until the answer arrives. */
export function RefreshButton({ onRefresh, isLoading }: RefreshButtonProps) {
  return (
    <button type="button" onClick={onRefresh} disabled={isLoading}>
      {isLoading ? 'Refreshing…' : 'Refresh'}
    </button>
  );
}
