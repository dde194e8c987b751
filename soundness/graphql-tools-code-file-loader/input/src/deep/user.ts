import gql from 'graphql-tag';
export const userType = gql`
  type User {
    id: ID!
    name: String
  }
`;
