/** What a path is doing while it calls one of the project's tools, in words (never the tool's code name). */
const toolActivities: Readonly<Record<string, string>> = {
  calc: 'Calculating',
  read_file: 'Reading a file',
  list_files: 'Listing files in a folder',
  search_files: 'Searching the files',
};

/** "Calculating…" for a known tool, "Using a tool: <name>…" for any other. */
export function toolActivity(tool: string): string {
  return `${Object.hasOwn(toolActivities, tool) ? toolActivities[tool] : `Using a tool: ${tool}`}…`;
}
