import type { Collector } from '../../collector.js';
import { domainNames } from './domain-names.js';
import { restApis } from './rest-apis.js';

export const APIGATEWAY_COLLECTORS: Collector[] = [restApis, domainNames];
