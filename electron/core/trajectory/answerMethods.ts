// A Java method named in free text: dotted identifiers ending in a method name (or <init>), with
// an optional parameter list that may span lines. AutoFL answers come as one signature a line, in
// backticks, as numbered lists, with or without packages or parameter names.
const signaturePattern = /((?:[A-Za-z_$][\w$]*\.)+(?:<init>|[A-Za-z_$][\w$]*))(?:\(([^()]*)\))?/g;

function parameterType(parameter: string): string {
  let text = parameter.trim().replace(/^final\s+/, '');
  while (/<[^<>]*>/.test(text)) text = text.replace(/<[^<>]*>/g, '');
  const type = (text.split(/\s+/)[0] ?? '').replace(/\.\.\.$/, '[]');
  return type.split('.').at(-1) ?? '';
}

/**
 * The methods an AutoFL answer names, each as `Class.method(ParamType,...)` with simple class and
 * type names (packages, generics and parameter names dropped, `<init>` written as the class
 * name), so the same method written two ways compares equal. With `withParameters: false` the
 * key is `Class.method`, merging overloads; otherwise a method named without a parameter list
 * reads `Class.method(?)`. Duplicates are dropped; order is kept.
 */
export function answerMethods(answer: string, options: { withParameters?: boolean } = {}): string[] {
  const keys = new Set<string>();
  const text = answer.replaceAll('`', '').replace(/\.\s+(?=[\w$]+\()/g, '.');
  for (const match of text.matchAll(signaturePattern)) {
    const segments = (match[1] ?? '').split('.');
    const method = segments.at(-1) ?? '';
    const owner = (segments.at(-2) ?? '').split('$').at(-1) ?? '';
    const hasParameters = match[2] !== undefined;
    const isCapitalised = (name: string): boolean => /^[A-Z]/.test(name);
    // `pkg.Week(int)` is a constructor written without its class; `Outer.<init>` one written the
    // JVM's way.
    const isBareConstructor = hasParameters && isCapitalised(method) && !isCapitalised(owner);
    const className = isBareConstructor ? method : owner;
    const isConstructor = isBareConstructor || method === '<init>' || method === owner;
    // Classes are capitalised and methods usually not, which drops prose ("e.g.") and bare class
    // names; a capitalised name with a parameter list (`EntityArrays.BASIC_ESCAPE()`) still counts.
    if (!isCapitalised(className) || (isCapitalised(method) && !isConstructor && !hasParameters)) continue;
    const name = `${className}.${isConstructor ? className : method}`;
    const parameters = match[2];
    if (options.withParameters === false || parameters === undefined) {
      keys.add(options.withParameters === false ? name : `${name}(?)`);
      continue;
    }
    const types = parameters.trim() === '' ? [] : parameters.split(',').map(parameterType);
    keys.add(`${name}(${types.join(',')})`);
  }
  return [...keys];
}

/** AutoFL's tool that lists, for a class, the methods its failing tests cover. */
export const coverageTool = 'get_failing_tests_covered_methods_for_class';

/**
 * The methods (as `Class.method`, simple class name) that one coverage result lists for
 * `className`. Tool results are cut at 200 characters, so this is a subset; a list item reads
 * `".name(types)"`.
 */
export function coverageListing(className: string, result: string): string[] {
  const owner = className.split(/[.$]/).at(-1) ?? '';
  return [...result.matchAll(/"\.([\w$<>]+)\(/g)].map(
    (match) => `${owner}.${match[1] === '<init>' ? owner : (match[1] ?? '')}`,
  );
}
