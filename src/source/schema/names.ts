/**
 * Object names and namespaces, checked as the API server checks them on create, with its
 * messages. Kubernetes sources reproduced here:
 * - k8s.io/apimachinery/pkg/util/validation/validation.go: IsDNS1123Label, IsDNS1123Subdomain,
 *   IsDNS1035Label, RegexError, MaxLenError;
 * - k8s.io/apimachinery/pkg/api/validation/objectmeta.go: ValidateObjectMetaAccessor (each
 *   message becomes `metadata.name: Invalid value: "…": message`) and NameIsDNSSubdomain,
 *   NameIsDNSLabel, NameIsDNS1035Label, ValidateNamespaceName;
 * - pkg/apis/core/validation/validation.go: ValidateServiceName (DNS-1035 label),
 *   ValidateNamespaceName (DNS-1123 label); Secret, Node and EndpointSlice names, and every
 *   custom resource (apiextensions-apiserver customresource strategy), are DNS-1123 subdomains.
 * Names are never generated here (gwlb reads no generateName), so the `prefix` variants that
 * allow a trailing '-' are not needed.
 */
import { quote } from '../../diagnostics.js';
import { SCHEMA_CODES, type Checker } from './check.js';

/** One Kubernetes name rule: the messages for `value`, empty when it is valid. */
export type NameRule = (value: string) => string[];

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';

const dns1123Label = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const dns1123Subdomain = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const dns1035Label = new RegExp(`^${DNS1035_LABEL_FMT}$`);

function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/**
 * RegexError, with Go's punctuation kept exactly: each example is followed by "', " and joined
 * with " or ", hence the double space in `(e.g. 'my-name',  or '123-abc', regex used ...)`.
 */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

/** IsDNS1123Label: namespaces, and Namespace objects' own names. */
export const isDNS1123Label: NameRule = (value) => {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!dns1123Label.test(value)) {
    // A valid subdomain that is not a valid label can only be failing on its dots.
    if (dns1123Subdomain.test(value)) errs.push('must not contain dots');
    else {
      errs.push(
        regexError(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
          DNS1123_LABEL_FMT,
          'my-name',
          '123-abc',
        ),
      );
    }
  }
  return errs;
};

/** IsDNS1123Subdomain: the names of most kinds (NameIsDNSSubdomain). */
export const isDNS1123Subdomain: NameRule = (value) => {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenError(253));
  if (!dns1123Subdomain.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN_FMT,
        'example.com',
      ),
    );
  }
  return errs;
};

/** IsDNS1035Label: Service names (they become DNS labels under the cluster domain). */
export const isDNS1035Label: NameRule = (value) => {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenError(63));
  if (!dns1035Label.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL_FMT,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
};

/**
 * ValidateObjectMetaAccessor for the name and namespace of an object being created. The API
 * server reports each message as its own field error; gwlb joins them into one diagnostic per
 * field. `namespace` is empty for cluster-scoped kinds: the API server clears a namespace
 * written on one (EnsureObjectNamespaceMatchesRequestNamespace in
 * k8s.io/apiserver/pkg/registry/rest/meta.go), so it is not checked.
 */
export function checkObjectName(kind: string, name: string, namespace: string, nameRule: NameRule, c: Checker): void {
  const nameErrors = nameRule(name);
  if (nameErrors.length > 0) c.error(SCHEMA_CODES.objectName, ['metadata', 'name'], `invalid ${kind} name ${quote(name)}: ${nameErrors.join('; ')}`);
  if (namespace === '') return;
  const nsErrors = isDNS1123Label(namespace);
  if (nsErrors.length > 0) c.error(SCHEMA_CODES.objectName, ['metadata', 'namespace'], `invalid namespace ${quote(namespace)} for ${kind} ${quote(name)}: ${nsErrors.join('; ')}`);
}
