package io.therapyms.devstack;
