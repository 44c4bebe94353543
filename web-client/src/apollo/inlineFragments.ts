// Operations go over the wire with their fragments merged into place: the same request, shaped the
// way the API's depth limit measures it.
//
// The API's depth limit (graphql-armor max-depth with flattenFragments off) counts every fragment
// spread as two extra levels. The board query is 7 fields deep, within the limit of 8, but written
// with the components' colocated fragments (Column_tasks inside it, TaskCard_task inside that) it
// would count as 11 and be refused with HTTP 400. Merging a fragment's fields into the selection
// that spreads it gives the same response (GraphQL's own field collection does exactly this), and is
// always correct here because the schema has no interfaces or unions: a fragment can only be spread
// where its own type is expected (inlineFragments.test.tsx checks both). The cache and the generated
// types still work with the fragments as written; only the printed request changes.
import {
  Kind,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionNode,
} from 'graphql';

const inlined = new WeakMap<DocumentNode, DocumentNode>();

export function inlineFragments(document: DocumentNode): DocumentNode {
  let result = inlined.get(document);
  if (!result) {
    result = inline(document);
    inlined.set(document, result);
  }
  return result;
}

function inline(document: DocumentNode): DocumentNode {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  if (fragments.size === 0) return document;

  let unsupported = false;
  const flatten = (selections: readonly SelectionNode[], seen: ReadonlySet<string>): SelectionNode[] => {
    const out: SelectionNode[] = [];
    for (const selection of selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // conditional spreads (@include, @skip) and cycles (invalid anyway) are sent as written
        if (!fragment || selection.directives?.length || seen.has(fragment.name.value)) unsupported = true;
        else out.push(...flatten(fragment.selectionSet.selections, new Set([...seen, fragment.name.value])));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.directives?.length) unsupported = true;
        out.push(...flatten(selection.selectionSet.selections, seen));
      } else if (selection.selectionSet) {
        out.push({
          ...selection,
          selectionSet: { ...selection.selectionSet, selections: flatten(selection.selectionSet.selections, seen) },
        });
      } else {
        out.push(selection);
      }
    }
    return mergeFields(out);
  };

  const definitions: DefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) continue;
    if (definition.kind !== Kind.OPERATION_DEFINITION) {
      definitions.push(definition);
      continue;
    }
    const selections = flatten(definition.selectionSet.selections, new Set());
    definitions.push({ ...definition, selectionSet: { ...definition.selectionSet, selections } });
  }
  return unsupported ? document : { ...document, definitions };
}

/** One field per response key: `id` from two fragments is asked once, `assignee { id }` and `assignee { name }` become `assignee { id name }`. */
function mergeFields(selections: SelectionNode[]): SelectionNode[] {
  const out: SelectionNode[] = [];
  const at = new Map<string, number>();
  for (const selection of selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) {
      out.push(selection);
      continue;
    }
    const key = (selection.alias ?? selection.name).value;
    const index = at.get(key);
    if (index === undefined) {
      at.set(key, out.length);
      out.push(selection);
      continue;
    }
    // a valid document gives one response key one field and arguments: only sub-selections differ
    const previous = out[index] as FieldNode;
    if (previous.selectionSet && selection.selectionSet) {
      out[index] = {
        ...previous,
        selectionSet: {
          ...previous.selectionSet,
          selections: mergeFields([...previous.selectionSet.selections, ...selection.selectionSet.selections]),
        },
      };
    }
  }
  return out;
}
