/** AC-DISC: SMART Backend Services discovery (.well-known/smart-configuration). */
import type { TestDefinition } from '../../src/suite/api.js';
import { assertStatus, ensure, fieldsOf, label, quoted } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';

/** Whether a configuration field is a list holding `value` (or, without one, any item). */
const lists = (field: unknown, value?: string): boolean =>
  Array.isArray(field) && (value === undefined ? field.length > 0 : field.includes(value));

export const discoveryTests: TestDefinition[] = [
  {
    id: 'smart-configuration',
    title: {
      en: 'The SMART configuration describes the token endpoint, client_credentials, private_key_jwt, RS384/ES384, scopes and capabilities',
      fr: 'La configuration SMART décrit le point de terminaison de jeton, client_credentials, private_key_jwt, RS384/ES384, les portées et les capacités',
    },
    description: {
      en: 'SMART App Launch 2.2.0: a server publishes [base]/.well-known/smart-configuration; for Backend Services it lists its token endpoint, the client_credentials grant, the private_key_jwt authentication method and the signing algorithms it accepts.',
      fr: 'SMART App Launch 2.2.0 : un serveur publie [base]/.well-known/smart-configuration ; pour Backend Services, il y liste son point de terminaison de jeton, l’autorisation client_credentials, la méthode d’authentification private_key_jwt et les algorithmes de signature qu’il accepte.',
    },
    verifies: ['AC-DISC-01'],
    tags: ['discovery'],
    async run(t) {
      const res = await t.anonymous.http.send({
        url: '.well-known/smart-configuration',
        headers: { accept: 'application/json' },
        name: 'smart-configuration',
      });
      assertStatus(res, 200);
      const cfg = fieldsOf(res);
      const at = label(res);
      ensure(
        typeof cfg.token_endpoint === 'string' && /^https?:\/\//.test(cfg.token_endpoint),
        m.tokenEndpointUrl({ request: at, got: quoted(cfg.token_endpoint) }),
      );
      ensure(
        lists(cfg.grant_types_supported, 'client_credentials'),
        m.fieldMustInclude({
          request: at,
          field: 'grant_types_supported',
          value: 'client_credentials',
          got: quoted(cfg.grant_types_supported),
        }),
      );
      ensure(
        lists(cfg.token_endpoint_auth_methods_supported, 'private_key_jwt'),
        m.fieldMustInclude({
          request: at,
          field: 'token_endpoint_auth_methods_supported',
          value: 'private_key_jwt',
          got: quoted(cfg.token_endpoint_auth_methods_supported),
        }),
      );
      const algs = cfg.token_endpoint_auth_signing_alg_values_supported;
      ensure(
        lists(algs, 'RS384') || lists(algs, 'ES384'),
        m.fieldMustInclude({
          request: at,
          field: 'token_endpoint_auth_signing_alg_values_supported',
          value: m.rsOrEs(),
          got: quoted(algs),
        }),
      );
      ensure(lists(cfg.scopes_supported), m.scopesListed({ request: at, got: quoted(cfg.scopes_supported) }));
      ensure(lists(cfg.capabilities), m.capabilitiesListed({ request: at, got: quoted(cfg.capabilities) }));
    },
  },
];
