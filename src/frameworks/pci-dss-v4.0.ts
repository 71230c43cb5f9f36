import type { FrameworkData } from './types.js';

/**
 * PCI DSS v4.0 requirements that configuration checks can evidence, transcribed by hand (the
 * standard is a PDF of the PCI Security Standards Council, not machine-readable data). Titles are
 * shortened to the requirement's first sentence. Requirement numbers are the same in v4.0.1.
 * https://www.pcisecuritystandards.org/document_library/
 * Add a requirement here when a rule maps to it; keep the standard's numbering and wording.
 */
export const pciDssV40 = {
  id: 'pci-dss-v4.0',
  name: 'PCI DSS',
  version: '4.0',
  source:
    'Requirement numbers and titles transcribed from PCI DSS v4.0.1 (PCI Security Standards Council); only requirements that configuration rules can evidence are listed, not the whole standard.',
  complete: false,
  controls: {
    '1.2.5': {
      title:
        'All services, protocols, and ports allowed are identified, approved, and have a defined business need.',
    },
    '1.3.1': {
      title:
        'Inbound traffic to the CDE is restricted to only traffic that is necessary; all other traffic is specifically denied.',
    },
    '1.3.2': {
      title:
        'Outbound traffic from the CDE is restricted to only traffic that is necessary; all other traffic is specifically denied.',
    },
    '1.4.1': { title: 'NSCs are implemented between trusted and untrusted networks.' },
    '1.4.2': { title: 'Inbound traffic from untrusted networks to trusted networks is restricted.' },
    '1.4.4': {
      title:
        'System components that store cardholder data are not directly accessible from untrusted networks.',
    },
    '3.5.1': { title: 'PAN is rendered unreadable anywhere it is stored.' },
    '4.2.1': {
      title:
        'Strong cryptography and security protocols are implemented to safeguard PAN during transmission over open, public networks.',
    },
    '7.2.1': {
      title: 'An access control model is defined and includes granting access based on business need.',
    },
    '8.2.6': { title: 'Inactive user accounts are removed or disabled within 90 days of inactivity.' },
    '8.3.6': { title: 'Passwords/passphrases used as authentication factors meet minimum complexity.' },
    '8.4.1': {
      title:
        'MFA is implemented for all non-console access into the CDE for personnel with administrative access.',
    },
    '10.2.1': { title: 'Audit logs are enabled and active for all system components and cardholder data.' },
    '10.3.3': {
      title:
        'Audit log files are promptly backed up to a secure, central, internal log server(s) or other media that is difficult to modify.',
    },
    '10.5.1': {
      title:
        'Audit log history is retained for at least 12 months, with at least the most recent three months immediately available for analysis.',
    },
    '12.10.1': {
      title:
        'An incident response plan exists and is ready to be activated in the event of a suspected or confirmed security incident.',
    },
  },
} as const satisfies FrameworkData;
