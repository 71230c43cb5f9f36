import type { Resource } from '../model/index.js';

/**
 * Is the resource one a template or plan will create, so that the service's defaults for new
 * resources describe it (S3 Block Public Access on and ACLs disabled, EBS and Redshift encryption
 * settings, EFS One Zone backups)? Not when a Terraform state, or a plan's no-op or update, shows it
 * exists already (`origin.exists`).
 */
export function isPlanned(resource: Resource): boolean {
  const { source, exists } = resource.origin;
  return (source === 'cloudformation' || source === 'terraform') && exists !== true;
}
