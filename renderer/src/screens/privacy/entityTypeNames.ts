import type { RedactionEntityType } from '#shared/ipc/RedactionPreview.ts';

/** How the Privacy screen names each entity type. */
export const entityTypeNames: Record<RedactionEntityType, string> = {
  email: 'Email addresses',
  phone: 'Phone numbers',
  credit_card: 'Card numbers',
  iban: 'IBANs',
  ssn: 'US social security numbers',
  national_id: 'National identity numbers',
  ip_address: 'IP addresses',
  mac_address: 'MAC addresses',
  url_credentials: 'Passwords in URLs',
  street_address: 'Street addresses',
  person: 'Names of people',
  location: 'Places',
  api_key: 'Provider API keys',
  private_key: 'Private keys',
  jwt: 'Access tokens (JWT)',
  password: 'Passwords',
  secret: 'Other secrets',
  custom: 'Your own patterns (below)',
};
