/** Fixed ids used by the contracts' example payloads, so examples of related events line up. */
export const exampleIds = {
  alice: '3f1c2a7e-8b4d-4e2a-9c1f-5d6e7a8b9c0d',
  bob: '7a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d',
  carol: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f',
  generalRoom: '01JHF3K8Z6W2Q9R4T7Y1A5V3XB',
  dmRoom: '01JHF3KQ4N8M2P6R0S4T8V2W6Y',
  firstMessage: '01JHF3M2B4C6D8E0F2G4H6J8KM',
  secondMessage: '01JHF3N5P7Q9R1S3T5V7W9X1YZ',
  attachment: '01JHF3N0A2B4C6D8E0F2G4H6J8',
  notification: '01JHF3P3Q5R7S9T1V3W5X7Y9Z1',
} as const;
