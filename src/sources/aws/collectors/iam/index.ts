import type { Collector } from '../../collector.js';
import { account } from './account.js';
import { authorizationDetails } from './authorization-details.js';
import { credentialReport } from './credential-report.js';
import { samlProviders } from './saml-providers.js';

/** IAM collectors. */
export const IAM_COLLECTORS: Collector[] = [account, authorizationDetails, credentialReport, samlProviders];
