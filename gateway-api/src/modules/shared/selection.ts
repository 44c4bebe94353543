// What a field's selection asks for, looked at by resolvers that can skip work nobody asked for.
import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';

/**
 * Whether the field being resolved selects one of `names` directly under it (through fragments and
 * inline fragments too; every occurrence of the field in the document counts).
 */
export function selects(info: GraphQLResolveInfo, names: readonly string[]): boolean {
  const seen = new Set<string>();
  const visit = (selections: readonly SelectionNode[]): boolean =>
    selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return names.includes(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet.selections);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      const fragment = info.fragments[name];
      return fragment ? visit(fragment.selectionSet.selections) : false;
    });
  return info.fieldNodes.some((node) => visit(node.selectionSet?.selections ?? []));
}
