/**
 * Go's `strconv.ParseBool`, which LBC applies to annotation and attribute values
 * (controllers/gateway/addons.go, model_build_target_group_binding_network.go,
 * base_model_builder.go isDeleteProtected): undefined when the text is not one of Go's spellings.
 */
export function parseGoBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}
