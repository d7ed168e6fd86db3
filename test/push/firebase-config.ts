// A made-up Firebase web app: firebase's messaging code needs the fields, never a server here.
export const firebaseConfig = {
  apiKey: 'AIzaSyTEST-not-a-real-key-000000000000000',
  projectId: 'verify-elements-test',
  appId: '1:1234567890:web:0000000000000000',
  messagingSenderId: '1234567890',
};
